// Scroll the page-text pane (not the window) so the article's first marked span is in view.
// offsetTop counts from the nearest positioned ancestor, not from the pane, so positions are
// taken from the layout boxes instead.
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
}());
