/* pcmt: draw the site's charts. Each chart is a <div data-chart="ID"> and
   its ECharts option is a JSON data block <script type="application/json"
   id="ID">. The same numbers are in a table under every chart, so nothing
   is lost when this script or ECharts does not run. */
(function () {
  'use strict';

  // Numbers as Vietnamese pages write them: 1.100 and 80,5 (ECharts' own
  // axis labels would print 1,100).
  var vnFormat = (window.Intl && Intl.NumberFormat) ? new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }) : null;
  function vnNumber(v) {
    return (vnFormat && typeof v === 'number') ? vnFormat.format(v) : String(v);
  }

  function localise(option) {
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
    // A series with a withheld figure ("dưới 5", disclosure control) has
    // its labels as pcmtLabels: the tooltip shows them, not the bar's 0.
    (option.series || []).forEach(function (s) {
      if (s && Array.isArray(s.pcmtLabels)) {
        var labels = s.pcmtLabels;
        s.tooltip = s.tooltip || {};
        s.tooltip.valueFormatter = function (v, i) {
          return (typeof i === 'number' && labels[i]) ? labels[i] : vnNumber(v);
        };
      }
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
