/* pcmt web editor: the preview uses the site's own stylesheet. Loaded after
   decap-cms.js (no inline script: the site's pages allow none). */
(function () {
  'use strict';
  if (window.CMS) {
    window.CMS.registerPreviewStyle('/css/site.css');
  }
})();
