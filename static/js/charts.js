/* pcmt: draw the site's charts. Each chart is a <div data-chart="ID"> and
   its ECharts option is a JSON data block <script type="application/json"
   id="ID">. The same numbers are in a table under every chart, so nothing
   is lost when this script or ECharts does not run. */
(function () {
  'use strict';

  // Numbers as Vietnamese pages write them: 1.100 and 80,5 (ECharts' own
  // axis labels would print 1,100), rounded to two decimals like the
  // pages (internal/vntext.FormatNumber). Not Intl: the option leaves out
  // a bar's label only when this gives the page's text (internal/charts).
  function vnNumber(v) {
    if (typeof v !== 'number' || !isFinite(v)) {
      return String(v);
    }
    var r = Math.round(Math.abs(v) * 100) / 100;
    var parts = String(r).split('.');
    var s = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    if (parts[1]) {
      s += ',' + parts[1];
    }
    return (v < 0 && r !== 0 ? '-' : '') + s;
  }

  // localise gives a bar chart's labels and tooltips their text: the
  // series' pcmtLabels where the option has one (a qualifier, "dưới 5" for
  // a figure withheld by disclosure control, whose bar's 0 is not its
  // value), else the value in Vietnamese format, with "%" when the option
  // says pcmtFormat "percent". Functions cannot travel in JSON.
  function localise(option) {
    var suffix = option.pcmtFormat === 'percent' ? '%' : '';
    delete option.pcmtFormat;
    function text(v) {
      return typeof v === 'number' ? vnNumber(v) + suffix : String(v);
    }
    ['xAxis', 'yAxis'].forEach(function (key) {
      var axes = option[key];
      if (!axes) {
        return;
      }
      (Array.isArray(axes) ? axes : [axes]).forEach(function (axis) {
        if (axis && axis.type === 'value') {
          axis.axisLabel = axis.axisLabel || {};
          axis.axisLabel.formatter = vnNumber;
        }
      });
    });
    if (option.tooltip) {
      option.tooltip.valueFormatter = vnNumber;
    }
    (option.series || []).forEach(function (s) {
      if (!s || s.type !== 'bar') {
        return;
      }
      var labels = Array.isArray(s.pcmtLabels) ? s.pcmtLabels : [];
      delete s.pcmtLabels;
      function label(v, i) {
        return (typeof i === 'number' && labels[i]) ? labels[i] : text(v);
      }
      s.label = s.label || {};
      s.label.formatter = function (p) {
        return label(p.value, p.dataIndex);
      };
      s.tooltip = s.tooltip || {};
      s.tooltip.valueFormatter = label;
    });
    return option;
  }

  // A map (<div data-chart data-geo="URL" data-geo-name="NAME">) needs its
  // GeoJSON, served by the site itself, registered before setOption. Each
  // file is fetched once per page.
  var geoFiles = {};
  function setOption(el, chart, option) {
    var url = el.getAttribute('data-geo');
    if (!url) {
      chart.setOption(option);
      return;
    }
    var name = el.getAttribute('data-geo-name') || url;
    if (!geoFiles[url]) {
      geoFiles[url] = window.fetch(url, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) {
          throw new Error(url + ': HTTP ' + r.status);
        }
        return r.json();
      });
    }
    geoFiles[url].then(function (geo) {
      if (!window.echarts.getMap(name)) {
        window.echarts.registerMap(name, geo);
      }
      chart.setOption(option);
    }, function () {
      chart.dispose();
      el.classList.remove('chart--ready');
      el.textContent = 'Không tải được bản đồ. Các giá trị có đầy đủ trong bảng dưới đây.';
    });
  }

  // The ECharts bundle is named in <link rel="preload" data-echarts> (its
  // name carries its hash): fetched early, but run only after the browser
  // has painted the page's text, so it does not hold back the Largest
  // Contentful Paint (bench/README.md). Tried once.
  var loading = false;
  function loadECharts() {
    var link = document.querySelector('link[data-echarts]');
    if (loading || !link) {
      return;
    }
    loading = true;
    afterPaint(function () {
      var s = document.createElement('script');
      s.src = link.href;
      if (link.integrity) {
        s.integrity = link.integrity;
      }
      s.onload = init;
      document.head.appendChild(s);
    });
  }

  // afterPaint runs fn once the browser reports its first contentful
  // paint (a requestAnimationFrame callback alone runs before the frame is
  // painted); in a tab that paints nothing, after 3 s.
  function afterPaint(fn) {
    var done = false;
    function go() {
      if (!done) {
        done = true;
        window.setTimeout(fn, 0);
      }
    }
    try {
      var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
      if (types && types.indexOf('paint') >= 0) {
        new PerformanceObserver(function (list, obs) {
          if (list.getEntriesByName('first-contentful-paint').length) {
            obs.disconnect();
            go();
          }
        }).observe({ type: 'paint', buffered: true });
        window.setTimeout(go, 3000);
        return;
      }
    } catch (e) { /* fall through */ }
    window.requestAnimationFrame(function () { window.requestAnimationFrame(go); });
  }

  function init() {
    if (typeof window.echarts === 'undefined') {
      loadECharts();
      return;
    }
    var nodes = document.querySelectorAll('[data-chart]');
    var charts = [];
    // One chart per task: the page stays responsive while a province page
    // draws its charts (Lighthouse's Total Blocking Time, bench/README.md).
    function draw(i) {
      if (i >= nodes.length) {
        return;
      }
      window.setTimeout(function () { draw(i + 1); }, 0);
      var el = nodes[i];
      var block = document.getElementById(el.getAttribute('data-chart'));
      if (!block) {
        return;
      }
      var option;
      try {
        option = JSON.parse(block.textContent);
      } catch (e) {
        return;
      }
      el.textContent = '';
      el.classList.add('chart--ready');
      try {
        var chart = window.echarts.init(el, null, { renderer: 'canvas' });
        setOption(el, chart, localise(option));
        charts.push(chart);
      } catch (e) {
        el.classList.remove('chart--ready');
      }
    }
    if (nodes.length === 0) {
      return;
    }
    draw(0);
    var pending = null;
    window.addEventListener('resize', function () {
      if (pending) {
        window.clearTimeout(pending);
      }
      pending = window.setTimeout(function () {
        pending = null;
        for (var j = 0; j < charts.length; j++) {
          charts[j].resize();
        }
      }, 100);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
