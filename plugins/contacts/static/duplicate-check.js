// Warns while a contact or company is typed that it may exist already: after each change of a
// name, e-mail, phone or web field it asks /api/v1/p/contacts/duplicates and lists the likely
// duplicates with a link to each and a merge link, before anything is saved.
(function () {
  'use strict';
  var box = document.querySelector('.duplicate-check');
  var form = document.querySelector('form.record-form');
  if (!box || !form) {
    return;
  }
  var section = box.closest('section');
  var list = box.querySelector('ul');
  var watched = ['first_name', 'last_name', 'name', 'email', 'phone', 'mobile', 'domain', 'website'];
  var carried = watched.concat(['job_title', 'city', 'country', 'linkedin']);
  var exclude = Number(box.dataset.exclude) || 0;
  var request = 0;
  var timer = null;

  function value(name) {
    var input = form.elements[name];
    return input && typeof input.value === 'string' ? input.value.trim() : '';
  }

  function mergeHref(id) {
    var base = '/p/contacts/merge/' + box.dataset.slug + '/' + id + '/';
    if (exclude) {
      return base + exclude;
    }
    var query = carried.filter(value).map(function (name) {
      return encodeURIComponent(name) + '=' + encodeURIComponent(value(name));
    });
    return base + 'new?' + query.join('&');
  }

  function show(candidates) {
    list.textContent = '';
    candidates.slice(0, 5).forEach(function (c) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.className = 'existing';
      link.href = '/r/' + box.dataset.slug + '/' + c.id;
      link.textContent = c.title;
      var badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = c.score + '%';
      var why = document.createElement('span');
      why.className = 'muted';
      why.textContent = c.reasons.join(', ');
      var merge = document.createElement('a');
      merge.className = 'button secondary small merge-link';
      merge.href = mergeHref(c.id);
      merge.textContent = exclude ? 'Merge into this one' : 'Add to this one instead';
      item.append(link, ' ', badge, ' ', why, ' ', merge);
      list.appendChild(item);
    });
    if (candidates.length) {
      box.removeAttribute('data-empty');
    } else {
      box.setAttribute('data-empty', '');
    }
    if (section) {
      section.hidden = !candidates.length;
    }
  }

  function check() {
    var values = {};
    watched.forEach(function (name) {
      if (value(name)) {
        values[name] = value(name);
      }
    });
    if (!Object.keys(values).length) {
      show([]);
      return;
    }
    var mine = ++request;
    fetch('/api/v1/p/contacts/duplicates', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json',
                'X-CSRF-Token': form.elements.csrf.value},
      body: JSON.stringify({entity: box.dataset.entity, values: values, excludeId: exclude})
    }).then(function (answer) {
      return answer.ok ? answer.json() : {candidates: []};
    }).then(function (answer) {
      if (mine === request) {
        show(answer.candidates || []);
      }
    }).catch(function () {});
  }

  watched.forEach(function (name) {
    var input = form.elements[name];
    if (input) {
      input.addEventListener('change', check);
      input.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(check, 400);
      });
    }
  });
  if (section && box.hasAttribute('data-empty')) {
    section.hidden = true;
  }
})();
