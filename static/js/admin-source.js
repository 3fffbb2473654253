// Scroll the page-text pane (not the window) so the marked text (what an action just changed,
// else the article's first span) is in view. offsetTop counts from the nearest positioned
// ancestor, not from the pane, so positions are taken from the layout boxes instead; and it
// runs again once fonts and styles have loaded, since they change the line heights.
(function () {
  "use strict";
  function reveal() {
    var boxes = document.querySelectorAll(".raw-page-text");
    Array.prototype.forEach.call(boxes, function (box) {
      var mark = box.querySelector("mark.affected") || box.querySelector("mark.current, #article-span");
      if (!mark) { return; }
      var offset = mark.getBoundingClientRect().top - box.getBoundingClientRect().top;
      box.scrollTop = Math.max(0, box.scrollTop + offset - 40);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
  window.addEventListener("load", reveal);
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(reveal); }
}());
