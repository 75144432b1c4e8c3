// The deals kanban on top of the kernel's board.js (drag and drop, loaded first): when a card
// is dropped on a stage whose required fields the deal lacks, the drop is held and their inputs
// open inside the card; the user fills them and presses Move. Picking a stage in the card's
// select asks the same way (phones). Refusals come back from the server as a page.
(function () {
  'use strict';

  function words(text) {
    return (text || '').split(' ').filter(function (word) { return word.length > 0; });
  }

  function neededFields(card, column) {
    var missing = words(card.dataset.missing);
    return words(column.dataset.required).filter(function (field) {
      return missing.indexOf(field) >= 0;
    });
  }

  function ask(card, form, fields) {
    var asks = form.querySelector('.deal-asks');
    form.querySelectorAll('.deal-ask').forEach(function (box) {
      var wanted = fields.indexOf(box.dataset.field) >= 0;
      box.hidden = !wanted;
      box.querySelectorAll('[name="' + box.dataset.field + '"]').forEach(function (input) {
        input.required = wanted;
      });
    });
    asks.hidden = false;
    card.classList.add('asking');
    var first = asks.querySelector('.deal-ask:not([hidden]) [name]');
    if (first) {
      first.focus();
    }
  }

  document.addEventListener('board:drop', function (event) {
    var card = event.target;
    var fields = neededFields(card, event.detail.column);
    if (fields.length > 0) {
      event.preventDefault();
      ask(card, event.detail.form, fields);
    }
  });

  document.querySelectorAll('.deal-card select.board-target').forEach(function (select) {
    select.addEventListener('change', function () {
      var card = select.closest('.deal-card');
      var column = document.querySelector('.deals-column[data-value="' + select.value + '"]');
      var fields = column ? neededFields(card, column) : [];
      if (fields.length > 0) {
        ask(card, select.form, fields);
      }
    });
  });
})();
