/* 引用本文: copy the GB/T 7714 citation. The button stays hidden where the clipboard is unavailable. */
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = "已复制";
        window.setTimeout(function () { button.textContent = "复制引文"; }, 2000);
      });
    });
  });
})();
