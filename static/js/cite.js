/* pcmt: tools for journalists, added over what the page already says
   without JavaScript. Every citation, address and embed code is text on the
   page (in a <details> that opens without script); this adds:
   - "Chép" (copy) buttons beside each [data-cite] block;
   - a "Trích dẫn" button on each figure row of a unit page, showing the
     row's citation (from the page's JSON download) with copy buttons;
   - the reader's host in front of site-relative addresses, when the site
     does not know its own address (it is served from several hosts);
   - "Lưu ảnh PNG" on each chart: the chart drawn by ECharts (getDataURL),
     with its title and source, on a white background. */
(function () {
  'use strict';

  // An address that is site-relative, or on the placeholder host
  // (*.invalid, RFC 6761) of a site whose address is not configured, gets
  // the host the reader is on.
  var placeholder = /^https?:\/\/[^\/]+\.invalid(?=\/)/;
  function fixAddresses() {
    var spans = document.querySelectorAll('.cite-url');
    for (var i = 0; i < spans.length; i++) {
      var t = spans[i].textContent;
      if (t.charAt(0) === '/' || placeholder.test(t)) {
        spans[i].textContent = window.location.origin + (spans[i].getAttribute('data-url') || t.replace(placeholder, ''));
      }
    }
    var codes = document.querySelectorAll('.embed-code__code code');
    for (var j = 0; j < codes.length; j++) {
      codes[j].textContent = codes[j].textContent.replace(/src="(https?:\/\/[^\/"]+\.invalid)?\//g, 'src="' + window.location.origin + '/');
    }
  }

  function selectNode(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function copyText(node) {
    var text = node.tagName === 'PRE' ? node.textContent : node.textContent.replace(/\s+/g, ' ').trim();
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      selectNode(node);
      try {
        if (document.execCommand('copy')) {
          resolve();
          return;
        }
      } catch (e) { /* fall through */ }
      reject(new Error('copy'));
    });
  }

  function addButton(after, label, onClick) {
    var wrap = document.createElement('p');
    wrap.className = 'tool-buttons';
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'tool-button';
    b.textContent = label;
    var status = document.createElement('span');
    status.className = 'tool-status';
    status.setAttribute('role', 'status');
    b.addEventListener('click', function () { onClick(status); });
    wrap.appendChild(b);
    wrap.appendChild(status);
    after.parentNode.insertBefore(wrap, after.nextSibling);
    return wrap;
  }

  function copyButtons() {
    var blocks = document.querySelectorAll('[data-cite]');
    for (var i = 0; i < blocks.length; i++) {
      (function (node) {
        var label = node.getAttribute('lang') === 'en' ? 'Copy' : 'Chép';
        addButton(node, label, function (status) {
          copyText(node).then(function () {
            status.textContent = node.getAttribute('lang') === 'en' ? 'Copied.' : 'Đã chép.';
          }, function () {
            selectNode(node);
            status.textContent = 'Đã chọn sẵn: bấm Ctrl+C (⌘C) để chép.';
          });
        });
      })(blocks[i]);
    }
  }

  // Each figure row of a unit page gets a "Trích dẫn" button. The
  // citations are not in the page (a province has hundreds of rows): the
  // page's JSON download holds their parts (what rows share once: unit,
  // places, kinds, indicators, sources), fetched once, on the first click,
  // and citation() puts them together as derive/cite.go's citation does.
  var pageData = null;
  function loadPageData(url) {
    if (!pageData) {
      pageData = fetch(url, { credentials: 'same-origin' }).then(function (res) {
        if (!res.ok) {
          throw new Error('HTTP ' + res.status);
        }
        return res.json();
      }).then(function (doc) {
        var byAnchor = {};
        (doc.rows || []).forEach(function (r) { byAnchor[r.anchor] = { row: r, doc: doc }; });
        return byAnchor;
      });
      pageData.catch(function () { pageData = null; }); // let a later click try again
    }
    return pageData;
  }

  // lowerFirst is derive's lowerFirst (labels begin with a letter of the
  // Basic Multilingual Plane).
  function lowerFirst(s) {
    return s.charAt(0).toLowerCase() + s.slice(1);
  }

  // citation is row r's citation, in Vietnamese and English, from the
  // parts of the page's download doc; null when a part is missing.
  function citation(doc, r) {
    var ind = (doc.indicators || {})[r.indicator];
    var src = (doc.sources || {})[r.source];
    var kind = (doc.kinds || {})[r.kind];
    var unit = doc.unit || {};
    if (!ind || !src || !src.cite || !kind || !unit.then) {
      return null;
    }
    var then = r.unit_then || (r.place_id ? (doc.places || {})[r.place_id] + ', ' + unit.then : unit.then);
    var vi = then + ': ' + ind.name + ', ' + lowerFirst(r.period_label) + ' (' + lowerFirst(kind.label) + '): ' +
      r.value_text + '. Nguồn: ' + src.cite.vi + '.';
    var en = then + ': ' + (ind.name_en || ind.name) + ', ' + r.period_en + ' (' + kind.en + '): ' +
      r.value_en + '. Source: ' + src.cite.en + '.';
    if (r.last_changed) {
      vi += ' Số liệu cập nhật lần cuối ngày ' + r.last_changed_text + '.';
      en += ' Figure last changed on ' + r.last_changed_en + '.';
    }
    return { vi: vi, en: en, url: r.permalink || doc.page + '#' + r.anchor };
  }

  // siteAddress is the site's address: baseURL, or the reader's host when
  // the site's address is the placeholder or not given.
  function siteAddress(base) {
    if (!base || placeholder.test(base) || base.charAt(0) === '/') {
      return window.location.origin;
    }
    return base.replace(/\/+$/, '');
  }

  function citeParagraph(id, lang, text, site, address) {
    var p = document.createElement('p');
    p.className = 'cite-text';
    p.id = id;
    p.setAttribute('data-cite', '');
    if (lang) {
      p.setAttribute('lang', lang);
    }
    p.appendChild(document.createTextNode(text + ' ' + site + ', '));
    var span = document.createElement('span');
    span.className = 'cite-url';
    span.textContent = address;
    p.appendChild(span);
    return p;
  }

  function label(text) {
    var p = document.createElement('p');
    p.className = 'cite-box__label';
    p.textContent = text;
    return p;
  }

  function addCopy(node) {
    var en = node.getAttribute('lang') === 'en';
    addButton(node, en ? 'Copy' : 'Chép', function (status) {
      copyText(node).then(function () {
        status.textContent = en ? 'Copied.' : 'Đã chép.';
      }, function () {
        selectNode(node);
        status.textContent = 'Đã chọn sẵn: bấm Ctrl+C (⌘C) để chép.';
      });
    });
  }

  function rowButtons() {
    var page = document.querySelector('[data-cite-json]');
    if (!page) {
      return;
    }
    var url = page.getAttribute('data-cite-json');
    var site = page.getAttribute('data-site') || '';
    var base = siteAddress(page.getAttribute('data-base'));
    var rows = page.querySelectorAll('table.figures tr[id^="f-"]');
    for (var i = 0; i < rows.length; i++) {
      (function (tr) {
        var cell = tr.cells[tr.cells.length - 1];
        var wrap = document.createElement('p');
        wrap.className = 'cite-row';
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'tool-button';
        b.textContent = 'Trích dẫn';
        b.setAttribute('aria-expanded', 'false');
        b.setAttribute('aria-controls', tr.id + '-cite');
        var status = document.createElement('span');
        status.className = 'tool-status';
        status.setAttribute('role', 'status');
        wrap.appendChild(b);
        wrap.appendChild(status);
        cell.appendChild(wrap);
        var box = null;
        b.addEventListener('click', function () {
          if (box) {
            box.hidden = !box.hidden;
            b.setAttribute('aria-expanded', String(!box.hidden));
            return;
          }
          status.textContent = 'Đang tải…';
          loadPageData(url).then(function (byAnchor) {
            var found = byAnchor[tr.id];
            var cite = found && citation(found.doc, found.row);
            if (!cite) {
              status.textContent = 'Không tìm thấy lời trích dẫn của dòng này.';
              return;
            }
            status.textContent = '';
            var address = base + cite.url;
            box = document.createElement('div');
            box.className = 'cite-box__body';
            box.id = tr.id + '-cite';
            var vi = citeParagraph(tr.id + '-vi', '', cite.vi, site, address);
            var en = citeParagraph(tr.id + '-en', 'en', cite.en, site, address);
            box.appendChild(label('Trích dẫn (tiếng Việt)'));
            box.appendChild(vi);
            box.appendChild(label('Citation (English)'));
            box.appendChild(en);
            cell.appendChild(box);
            addCopy(vi);
            addCopy(en);
            b.setAttribute('aria-expanded', 'true');
          }, function () {
            status.textContent = 'Không tải được lời trích dẫn; xem tệp JSON của trang.';
          });
        });
      })(rows[i]);
    }
  }

  // chartPNG draws the chart with its title above and its source below.
  function chartPNG(figure, inst) {
    var ratio = 2;
    var img = new Image();
    var url = inst.getDataURL({ type: 'png', pixelRatio: ratio, backgroundColor: '#ffffff' });
    return new Promise(function (resolve, reject) {
      img.onload = function () {
        var pad = 16 * ratio;
        var title = (figure.querySelector('.chart-figure__title') || {}).textContent || '';
        var sub = (figure.querySelector('.chart-figure__subtitle') || {}).textContent || '';
        var src = (figure.querySelector('.chart-figure__sources') || {}).textContent || '';
        var foot = src.replace(/\s+/g, ' ').trim() + ' — ' + window.location.origin + window.location.pathname;
        var canvas = document.createElement('canvas');
        var top = pad + 26 * ratio + (sub ? 20 * ratio : 0);
        canvas.width = img.width + 2 * pad;
        canvas.height = top + img.height + 36 * ratio;
        var ctx = canvas.getContext('2d');
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.fillStyle = '#111827';
        ctx.font = 'bold ' + (18 * ratio) + 'px sans-serif';
        ctx.fillText(title.trim(), pad, pad + 18 * ratio, canvas.width - 2 * pad);
        if (sub) {
          ctx.font = (13 * ratio) + 'px sans-serif';
          ctx.fillStyle = '#374151';
          ctx.fillText(sub.trim(), pad, pad + 40 * ratio, canvas.width - 2 * pad);
        }
        ctx.drawImage(img, pad, top);
        ctx.font = (11 * ratio) + 'px sans-serif';
        ctx.fillStyle = '#374151';
        ctx.fillText(foot, pad, top + img.height + 22 * ratio, canvas.width - 2 * pad);
        resolve(canvas.toDataURL('image/png'));
      };
      img.onerror = reject;
      img.src = url;
    });
  }

  function pngButtons() {
    var tools = document.querySelectorAll('[data-chart-tools]');
    for (var i = 0; i < tools.length; i++) {
      (function (el) {
        var links = el.querySelector('.chart-tools__links') || el;
        var wrap = addButton(links, 'Lưu ảnh PNG', function (status) {
          var node = document.getElementById(el.getAttribute('data-chart-tools'));
          var inst = window.echarts && node ? window.echarts.getInstanceByDom(node) : null;
          if (!inst) {
            status.textContent = 'Biểu đồ chưa vẽ xong.';
            return;
          }
          chartPNG(el.closest('figure') || el, inst).then(function (data) {
            var a = document.createElement('a');
            a.href = data;
            a.download = el.getAttribute('data-png') || 'bieu-do.png';
            a.className = 'png-link';
            document.body.appendChild(a);
            a.click();
            document.body.removeChild(a);
            status.textContent = 'Đã lưu ảnh.';
          }, function () {
            status.textContent = 'Không vẽ được ảnh.';
          });
        });
        wrap.classList.add('tool-buttons--png');
      })(tools[i]);
    }
  }

  function init() {
    fixAddresses();
    copyButtons();
    rowButtons();
    pngButtons();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
