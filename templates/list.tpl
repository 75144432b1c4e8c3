<div class="page-head">
  <h1>{{TITLE}}</h1>
  <div class="actions">
    {{#LIVE}}<a class="button primary" href="{{NEW_HREF}}">New</a> {{#HAS_BOARD}}<a class="button" href="{{BOARD_HREF}}">Board</a> {{/HAS_BOARD}}<a class="button" href="{{TRASH_HREF}}">Trash</a> <a class="button" href="{{EXPORT_HREF}}" download>Export CSV</a>{{/LIVE}}
    {{#TRASH}}<a class="button" href="{{LIST_HREF}}">Back to the list</a>{{/TRASH}}
  </div>
</div>
<form method="get" action="{{BASE}}" class="toolbar">
  <input type="search" name="q" value="{{Q}}" placeholder="Search this list" aria-label="Search this list" maxlength="200">
  {{#ENUM_FILTER}}
  <label>{{LABEL}}
    <select name="{{NAME}}">
      <option value="">any</option>
      {{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}
    </select>
  </label>
  {{/ENUM_FILTER}}
  {{#REF_FILTER}}
  <label for="{{ID}}">{{LABEL}}</label>
  <input id="{{ID}}" name="{{NAME}}" value="{{VALUE}}" class="reference" data-lookup="{{LOOKUP}}" data-title="{{REF_TITLE}}" placeholder="number or name" autocomplete="off" size="12">
  {{/REF_FILTER}}
  {{#RANGE_FILTER}}
  <fieldset class="range"><legend>{{LABEL}}</legend>
    <input type="{{TYPE}}" name="{{FROM_NAME}}" value="{{FROM}}"{{#HAS_STEP}} step="{{STEP}}"{{/HAS_STEP}} aria-label="{{LABEL}} from" placeholder="from">
    <input type="{{TYPE}}" name="{{TO_NAME}}" value="{{TO}}"{{#HAS_STEP}} step="{{STEP}}"{{/HAS_STEP}} aria-label="{{LABEL}} to" placeholder="to">
  </fieldset>
  {{/RANGE_FILTER}}
  <label>Rows
    <select name="limit">
      {{#PAGE_SIZE}}<option value="{{SIZE}}"{{#SELECTED}} selected{{/SELECTED}}>{{SIZE}}</option>{{/PAGE_SIZE}}
    </select>
  </label>
  <input type="hidden" name="sort" value="{{SORT}}">
  <input type="hidden" name="columns" value="{{COLUMNS}}">
  <button type="submit">Apply</button>
</form>
{{#VIEWS}}<div class="saved-views">
  <nav class="view-menu" aria-label="Saved views"><span>Views:</span>
    <ul>
    {{#VIEW}}<li><a href="{{HREF}}"{{#CURRENT}} aria-current="page" class="current"{{/CURRENT}}>{{NAME}}</a>{{#SHARED}} <span class="shared" title="Shared with everyone">shared</span>{{/SHARED}}{{#CAN_DELETE}}<form method="post" action="{{ACTION}}" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link-button" aria-label="Delete the view {{NAME}}">×</button></form>{{/CAN_DELETE}}</li>
    {{/VIEW}}
    </ul>
  </nav>
  <form method="post" action="{{ACTION}}" class="save-view">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="query" value="{{QUERY}}">
    <label>Save this view as <input name="name" maxlength="80" required></label>
    <label class="check"><input type="checkbox" name="shared" value="1"> shared</label>
    <button type="submit">Save view</button>
  </form>
</div>{{/VIEWS}}
<div class="table-wrap">
<table class="records">
  <thead><tr>
    {{#LIVE}}<th scope="col" class="select"><span class="visually-hidden">Select</span></th>{{/LIVE}}
    {{#HEAD}}<th scope="col"><a href="{{HREF}}">{{LABEL}} {{ARROW}}</a></th>{{/HEAD}}
    {{#TRASH}}<th scope="col"></th>{{/TRASH}}
  </tr></thead>
  <tbody>
  {{#ROW}}<tr>
    {{#SELECT_CELL}}<td class="select"><input type="checkbox" name="id" value="{{ID}}" form="bulk" aria-label="Select {{TITLE}}"></td>{{/SELECT_CELL}}
    {{#CELL}}<td data-label="{{LABEL}}">{{#LINK}}<a href="{{HREF}}">{{TEXT}}</a>{{/LINK}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}</td>{{/CELL}}
    {{#RESTORE_CELL}}<td><form method="post" action="{{RESTORE}}" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Restore</button></form>{{#CAN_PURGE}} <form method="post" action="{{PURGE}}" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger">Delete for good</button></form>{{/CAN_PURGE}}</td>{{/RESTORE_CELL}}
  </tr>
  {{/ROW}}
  </tbody>
</table>
</div>
{{#EMPTY}}<p class="empty">No records here.</p>{{/EMPTY}}
{{#LIVE}}<form id="bulk" method="post" action="{{LIST_HREF}}/bulk" class="bulk">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label>With the ticked rows
    <select name="action"><option value="delete">Move to trash</option><option value="assign_me">Assign to me</option></select>
  </label>
  <button type="submit">Apply</button>
</form>{{/LIVE}}
<nav class="pager" aria-label="Pages">
  {{#FIRST}}<a href="{{FIRST_HREF}}">First page</a>{{/FIRST}}
  {{#NEXT}}<a href="{{NEXT_HREF}}" rel="next">Next page</a>{{/NEXT}}
</nav>
{{#TYPEAHEAD}}<script src="/static/typeahead.js" defer></script>{{/TYPEAHEAD}}
