// Type-ahead for reference inputs (input.reference[data-lookup]): the input keeps working
// without script (it takes a record's number or exact name); with script it becomes a hidden
// field holding the number, behind a visible search box offering readable records.
(function () {
  'use strict';

  function enhance(input) {
    var wrap = document.createElement('span');
    wrap.className = 'typeahead';
    var box = document.createElement('input');
    box.type = 'text';
    box.autocomplete = 'off';
    box.placeholder = input.placeholder;
    box.id = input.id;
    box.size = input.size > 0 ? input.size : 20;
    box.setAttribute('role', 'combobox');
    box.setAttribute('aria-autocomplete', 'list');
    box.setAttribute('aria-expanded', 'false');
    box.value = input.dataset.title || input.value;
    var list = document.createElement('ul');
    list.className = 'typeahead-list';
    list.id = (input.id || input.name) + '-suggestions';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    box.setAttribute('aria-controls', list.id);
    input.removeAttribute('id');
    input.type = 'hidden';
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(box);
    wrap.appendChild(list);
    wrap.appendChild(input);
    var title = input.nextElementSibling;
    if (title && title.classList.contains('reference-title')) {
      title.hidden = true;
    }

    var timer = null;
    var active = -1;
    var request = 0;

    function close() {
      list.hidden = true;
      list.textContent = '';
      active = -1;
      box.setAttribute('aria-expanded', 'false');
    }

    function pick(item) {
      input.value = item.dataset.id;
      box.value = item.textContent;
      close();
    }

    function mark(index) {
      var items = list.children;
      for (var i = 0; i < items.length; i++) {
        items[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
      }
      active = index;
    }

    function show(rows) {
      list.textContent = '';
      rows.forEach(function (row, index) {
        var item = document.createElement('li');
        item.setAttribute('role', 'option');
        item.id = list.id + '-' + index;
        item.dataset.id = String(row.id);
        item.textContent = row.title;
        item.addEventListener('mousedown', function (event) {
          event.preventDefault();
          pick(item);
        });
        list.appendChild(item);
      });
      list.hidden = rows.length === 0;
      box.setAttribute('aria-expanded', rows.length ? 'true' : 'false');
      active = -1;
    }

    function search() {
      var mine = ++request;
      var url = input.dataset.lookup + '?limit=10&q=' + encodeURIComponent(box.value.trim());
      fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (rows) {
          if (mine === request && document.activeElement === box) {
            show(Array.isArray(rows) ? rows : []);
          }
        })
        .catch(function () { close(); });
    }

    box.addEventListener('input', function () {
      // Until a suggestion is picked the server reads the text as a number or a name.
      input.value = box.value.trim();
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    box.addEventListener('focus', function () {
      if (!box.value) {
        search();
      }
    });
    box.addEventListener('blur', function () { setTimeout(close, 100); });
    box.addEventListener('keydown', function (event) {
      var count = list.children.length;
      if (event.key === 'ArrowDown' && count) {
        event.preventDefault();
        mark((active + 1) % count);
      } else if (event.key === 'ArrowUp' && count) {
        event.preventDefault();
        mark((active - 1 + count) % count);
      } else if (event.key === 'Enter' && active >= 0 && !list.hidden) {
        event.preventDefault();
        pick(list.children[active]);
      } else if (event.key === 'Escape') {
        close();
      }
    });
  }

  document.querySelectorAll('input.reference[data-lookup]').forEach(function (input) {
    if (input.dataset.lookup) {
      enhance(input);
    }
  });
})();
