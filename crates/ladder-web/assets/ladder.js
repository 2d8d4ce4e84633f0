// Ladder's one script of its own: a select marked data-submit submits its form when it changes (the
// language menu). Inline handlers are refused by the pages' Content-Security-Policy.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-submit]") && field.form) {
    field.form.submit();
  }
});

// A form marked data-confirm asks before it is sent (deleting a segment).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
