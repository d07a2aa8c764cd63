/* pcmt: an embed page (/nhung/...) tells the page framing it how tall it
   is, so that the frame fits the chart and its table (static/js/embed-host.js
   on the framing page listens). Only a number is sent; nothing is read from
   the framing page. */
(function () {
  'use strict';
  if (window.parent === window) {
    return;
  }
  var last = 0;
  function post() {
    var h = Math.ceil(document.documentElement.scrollHeight);
    if (h !== last) {
      last = h;
      window.parent.postMessage({ type: 'pcmt-embed-height', height: h }, '*');
    }
  }
  window.addEventListener('load', post);
  window.addEventListener('resize', post);
  if (window.ResizeObserver) {
    new ResizeObserver(post).observe(document.body);
  }
})();
