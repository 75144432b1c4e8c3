// Drag and drop of board cards between columns. Each card keeps its move form (which works
// without script); dropping a card on another column picks that column's value in the form's
// select.board-target and submits it, CSRF token and version included. Before submitting, the
// card receives a cancelable "board:drop" event (detail: column, form): a page that needs more
// from the user first (a plugin's board) cancels it and submits the form itself.
(function () {
  'use strict';

  var dragged = null;

  document.querySelectorAll('.board-card').forEach(function (card) {
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
      document.querySelectorAll('.board-column.drop-target').forEach(function (column) {
        column.classList.remove('drop-target');
      });
    });
  });

  document.querySelectorAll('.board-column[data-value]').forEach(function (column) {
    column.addEventListener('dragover', function (event) {
      if (dragged && dragged.closest('.board-column') !== column) {
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
      if (!card || card.closest('.board-column') === column) {
        return;
      }
      var form = card.querySelector('form.move');
      var select = form && form.querySelector('select.board-target');
      if (!select) {
        return;
      }
      select.value = column.dataset.value;
      column.querySelector('ul').appendChild(card);
      var proceed = card.dispatchEvent(new CustomEvent('board:drop', {
        bubbles: true, cancelable: true, detail: { column: column, form: form }
      }));
      if (!proceed) {
        return;
      }
      if (typeof form.requestSubmit === 'function') {
        form.requestSubmit();
      } else {
        form.submit();
      }
    });
  });
})();
