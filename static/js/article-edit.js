// Admin article change form: scroll the page text (not the whole window) to the article's first span.
(function () {
  var box = document.querySelector(".article-edit__source .raw-page-text");
  var mark = document.getElementById("article-span");
  if (box && mark) {
    box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 40);
  }
})();
