/* pcmt: for a page that embeds a pcmt chart. Load it once beside the
   iframe(s) of the embed code:
     <iframe src="https://…/nhung/<đơn vị>/<biểu đồ>/" width="100%" height="720" data-pcmt-embed></iframe>
     <script src="https://…/js/embed-host.js" async></script>
   It sets each such frame's height to what the embed page reports
   (static/js/embed.js), so the chart and its table are never cut off. It
   reads only the height, and only from the frame it belongs to. */
(function () {
  'use strict';
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || d.type !== 'pcmt-embed-height' || typeof d.height !== 'number' || !(d.height > 0) || d.height > 20000) {
      return;
    }
    var frames = document.querySelectorAll('iframe[data-pcmt-embed]');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === e.source) {
        frames[i].style.height = Math.ceil(d.height) + 'px';
      }
    }
  });
})();
