// The lifecycle stage input becomes a select of the stages an admin keeps (listed by the form
// panel in their order); without script the input still takes a stage's key or name.
(function () {
  'use strict';
  var picker = document.querySelector('.stage-picker');
  var input = picker && document.getElementById(picker.dataset.field);
  if (!input || input.tagName !== 'INPUT') {
    return;
  }
  var select = document.createElement('select');
  select.id = input.id;
  select.name = input.name;
  var none = document.createElement('option');
  none.value = '';
  select.appendChild(none);
  var current = input.value || picker.dataset.initial || '';
  var known = false;
  picker.querySelectorAll('li[data-key]').forEach(function (item) {
    var option = document.createElement('option');
    option.value = item.dataset.key;
    option.textContent = item.lastChild.textContent.trim() || item.dataset.key;
    option.selected = option.value === current;
    known = known || option.selected;
    select.appendChild(option);
  });
  if (input.value && !known) {
    var kept = document.createElement('option');
    kept.value = input.value;
    kept.textContent = input.value;
    kept.selected = true;
    select.appendChild(kept);
  }
  input.replaceWith(select);
  picker.closest('section').hidden = true;
})();
