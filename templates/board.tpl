<div class="page-head">
  <h1>{{TITLE}}</h1>
  <div class="actions"><a class="button" href="{{LIST_HREF}}">List</a> <a class="button primary" href="{{NEW_HREF}}">New</a></div>
</div>
<div class="board">
{{#COLUMN}}<section class="board-column" data-value="{{VALUE}}">
  <h2>{{LABEL}} <span class="count">{{COUNT}}</span></h2>
  <ul>
  {{#CARD}}<li class="board-card" id="card-{{ID}}">
    <a href="{{HREF}}">{{TITLE}}</a>
    <form method="post" action="{{MOVE}}" class="move">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="version" value="{{VERSION}}">
      <select name="value" class="board-target" aria-label="Move {{TITLE}} to">{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}</select>
      <button type="submit">Move</button>
    </form>
  </li>
  {{/CARD}}
  </ul>
  {{#MORE}}<p class="more">Showing the first {{LIMIT}}; the list has them all.</p>{{/MORE}}
</section>
{{/COLUMN}}
</div>
<script src="/static/board.js" defer></script>
