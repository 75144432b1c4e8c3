<div class="page-head">
  <h1>{{PIPELINE}} pipeline</h1>
  <div class="actions"><a class="button" href="/r/deals">List</a> <a class="button" href="/p/deals/forecast">Forecast</a> <a class="button primary" href="/r/deals/new">New deal</a></div>
</div>
{{#MANY_PIPELINES}}<nav class="deals-pipelines" aria-label="Pipelines"><ul>{{#PIPELINES}}<li><a href="{{HREF}}"{{#CURRENT}} aria-current="page" class="current"{{/CURRENT}}>{{NAME}}</a></li>{{/PIPELINES}}</ul></nav>{{/MANY_PIPELINES}}
<form method="get" action="{{ACTION}}" class="toolbar deals-filters">
  <label>Owner <select name="owner">{{#OWNER_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OWNER_OPTION}}</select></label>
  <label>Team <select name="team">{{#TEAM_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/TEAM_OPTION}}</select></label>
  <fieldset class="range"><legend>Closing</legend>
    <input type="date" name="close_from" value="{{CLOSE_FROM}}" aria-label="Closing from">
    <input type="date" name="close_to" value="{{CLOSE_TO}}" aria-label="Closing until">
  </fieldset>
  <button type="submit">Apply</button>
</form>
<p class="deals-summary"><strong>{{OPEN_COUNT}}</strong> open deals · <strong>{{OPEN_TOTAL}}</strong> in total · <strong>{{OPEN_WEIGHTED}}</strong> weighted{{#RECENT_ONLY}} <span class="muted">· won and lost: the last {{CLOSED_DAYS}} days</span>{{/RECENT_ONLY}}</p>
<div class="board deals-board">
{{#COLUMN}}<section class="board-column deals-column outcome-{{OUTCOME}}" data-value="{{STAGE_ID}}" data-required="{{REQUIRED}}" aria-label="{{NAME}}">
  <h2><span>{{NAME}} <span class="muted">{{PROBABILITY}} %</span></span> <span class="count">{{COUNT}}</span></h2>
  <p class="deals-column-sums"><span title="Total">{{TOTAL}}</span> <span class="muted" title="Weighted by probability">≈ {{WEIGHTED}}</span></p>
  <ul>
  {{#CARD}}<li class="board-card deal-card{{#STALLED}} stalled{{/STALLED}}" id="card-{{ID}}" data-missing="{{MISSING}}">
    <a class="deal-name" href="{{HREF}}">{{NAME}}</a>
    {{#HAS_COMPANY}}<span class="deal-company">{{COMPANY}}</span>{{/HAS_COMPANY}}
    <span class="deal-facts"><strong>{{AMOUNT}}</strong> · {{CLOSE}}</span>
    <span class="deal-meta muted">{{OWNER}} · {{DAYS}} d in stage{{#STALLED}} · <span class="tag stalled-tag">stalled</span>{{/STALLED}}</span>
    <form method="post" action="{{MOVE}}" class="move">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="version" value="{{VERSION}}">
      <input type="hidden" name="back" value="{{BACK}}">
      <select name="stage_id" class="board-target" aria-label="Move {{NAME}} to">{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}</select>
      <button type="submit">Move</button>
      <div class="deal-asks" hidden>
        <p class="deal-asks-intro">This stage needs:</p>
        {{#INPUT}}<div class="deal-ask" data-field="{{NAME}}" hidden><label for="{{INPUT_ID}}">{{LABEL}}</label>
        {{#IS_MONEY}}<span class="deal-money"><input id="{{INPUT_ID}}" name="{{NAME}}" type="number" step="any" min="0"><input name="{{NAME}}_currency" value="{{CURRENCY}}" size="3" maxlength="3" aria-label="Currency"></span>{{/IS_MONEY}}
        {{#IS_DATE}}<input id="{{INPUT_ID}}" name="{{NAME}}" type="date">{{/IS_DATE}}
        {{#IS_TEXT}}<input id="{{INPUT_ID}}" name="{{NAME}}" maxlength="300">{{/IS_TEXT}}
        {{#IS_TAGS}}<input id="{{INPUT_ID}}" name="{{NAME}}" maxlength="300">{{/IS_TAGS}}
        {{#IS_REFERENCE}}<input id="{{INPUT_ID}}" name="{{NAME}}" type="number" step="1" min="1">{{/IS_REFERENCE}}
        {{#IS_LONGTEXT}}<textarea id="{{INPUT_ID}}" name="{{NAME}}" rows="2"></textarea>{{/IS_LONGTEXT}}
        {{#IS_ENUM}}<select id="{{INPUT_ID}}" name="{{NAME}}"><option value="">choose…</option>{{#OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/OPTION}}</select>{{/IS_ENUM}}</div>{{/INPUT}}
      </div>
    </form>
  </li>
  {{/CARD}}
  </ul>
  {{#MORE}}<p class="more"><a href="/r/deals?stage_id={{STAGE_ID}}">{{SHOWN}} of {{COUNT}} shown — all in the list</a></p>{{/MORE}}
</section>
{{/COLUMN}}
</div>
<script src="/static/board.js" defer></script>
<script src="/plugins/deals/board.js" defer></script>
