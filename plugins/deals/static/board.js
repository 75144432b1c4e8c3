// Drag and drop on the deals kanban. Every card keeps its move form (which works without
// script). Dropping a card on a column picks that stage in the form; when the stage requires
// fields the deal lacks, their inputs open inside the card and the move waits for them,
// otherwise the form is submitted at once. Refusals come back from the server as a page.
(function () {
  'use strict';

  var dragged = null;

  function words(text) {
    return (text || '').split(' ').filter(function (word) { return word.length > 0; });
  }

  function neededFields(card, column) {
    var missing = words(card.dataset.missing);
    return words(column.dataset.required).filter(function (field) {
      return missing.indexOf(field) >= 0;
    });
  }

  function submit(form) {
    if (typeof form.requestSubmit === 'function') {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function ask(card, form, fields) {
    var asks = form.querySelector('.deal-asks');
    form.querySelectorAll('.deal-ask').forEach(function (box) {
      var wanted = fields.indexOf(box.dataset.field) >= 0;
      box.hidden = !wanted;
      box.querySelectorAll('input, select, textarea').forEach(function (input) {
        if (input.name === box.dataset.field) {
          input.required = wanted;
        }
      });
    });
    asks.hidden = false;
    card.classList.add('asking');
    var first = asks.querySelector('.deal-ask:not([hidden]) input, .deal-ask:not([hidden]) select, .deal-ask:not([hidden]) textarea');
    if (first) {
      first.focus();
    }
  }

  document.querySelectorAll('.deal-card').forEach(function (card) {
    card.setAttribute('draggable', 'true');
    card.addEventListener('dragstart', function (event) {
      dragged = card;
      card.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', card.id);
    });
    card.addEventListener('dragend', function () {
      card.classList.remove('dragging');
      dragged = null;
      document.querySelectorAll('.deals-column.drop-target').forEach(function (column) {
        column.classList.remove('drop-target');
      });
    });
    // Picking a stage in the select asks for the same fields as a drop would.
    var select = card.querySelector('select[name="stage_id"]');
    if (select) {
      select.addEventListener('change', function () {
        var column = document.querySelector('.deals-column[data-value="' + select.value + '"]');
        var fields = column ? neededFields(card, column) : [];
        if (fields.length > 0) {
          ask(card, select.form, fields);
        }
      });
    }
  });

  document.querySelectorAll('.deals-column[data-value]').forEach(function (column) {
    column.addEventListener('dragover', function (event) {
      if (dragged && dragged.closest('.deals-column') !== column) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        column.classList.add('drop-target');
      }
    });
    column.addEventListener('dragleave', function (event) {
      if (!column.contains(event.relatedTarget)) {
        column.classList.remove('drop-target');
      }
    });
    column.addEventListener('drop', function (event) {
      event.preventDefault();
      column.classList.remove('drop-target');
      var card = dragged || document.getElementById(event.dataTransfer.getData('text/plain'));
      if (!card || card.closest('.deals-column') === column) {
        return;
      }
      var form = card.querySelector('form.move');
      var select = form && form.querySelector('select[name="stage_id"]');
      if (!select) {
        return;
      }
      select.value = column.dataset.value;
      column.querySelector('ul').prepend(card);
      var fields = neededFields(card, column);
      if (fields.length > 0) {
        ask(card, form, fields);
      } else {
        submit(form);
      }
    });
  });
})();
