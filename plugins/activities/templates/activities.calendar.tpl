<div class="page-head">
  <h1>{{HEADING}}</h1>
  <div class="actions"><a class="button" href="/p/activities/calendar/subscription">Subscribe in your calendar app</a></div>
</div>
<div class="calendar-nav">
  <div class="step"><a class="button" href="{{PREV}}" aria-label="Previous">‹</a><a class="button" href="{{TODAY}}">Today</a><a class="button" href="{{NEXT}}" aria-label="Next">›</a> <strong>{{RANGE}}</strong></div>
  <div class="views">{{#VIEW}}<a href="{{HREF}}"{{#CURRENT}} class="current" aria-current="true"{{/CURRENT}}>{{LABEL}}</a>{{/VIEW}}</div>
  <div class="whose">{{#WHOSE}}<a href="{{HREF}}"{{#CURRENT}} class="current" aria-current="true"{{/CURRENT}}>{{LABEL}}</a>{{/WHOSE}}
    <form method="get" action="/p/activities/calendar" class="inline-form">
      <input type="hidden" name="view" value="{{VIEW_KEY}}"><input type="hidden" name="date" value="{{DATE}}">
      <label class="visually-hidden" for="cal-who">Colleague</label>
      <select id="cal-who" name="who"><option value="me">Colleague…</option>{{#COLLEAGUE}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/COLLEAGUE}}</select>
      <button type="submit">Show</button>
    </form>
  </div>
</div>
{{#MONTH}}<div class="month" role="grid">
  {{#WEEKDAY}}<div class="weekday" role="columnheader">{{NAME}}</div>{{/WEEKDAY}}
  {{#DAY}}<div class="day{{#OTHER}} other{{/OTHER}}{{#TODAY}} today{{/TODAY}}" role="gridcell">
    <a class="date" href="{{HREF}}">{{NUMBER}}</a>
    {{#EVENT}}<a class="event {{KIND}}{{#DONE}} done{{/DONE}}" href="{{LINK}}" title="{{TIME}} {{TITLE}}">{{#HAS_TIME}}{{TIME}} {{/HAS_TIME}}{{TITLE}}</a>{{/EVENT}}
    {{#MORE}}<a class="more" href="{{HREF}}">{{COUNT}} more</a>{{/MORE}}
  </div>{{/DAY}}
</div>{{/MONTH}}
{{#AGENDA}}<ol class="agenda">
  {{#DAY}}<li><h2>{{LABEL}}</h2>
    {{#EMPTY}}<p class="empty">Nothing planned.</p>{{/EMPTY}}
    {{#EVENT}}<a class="event {{KIND}}{{#DONE}} done{{/DONE}}" href="{{LINK}}"><strong>{{TIME}}</strong> {{TITLE}}{{#WHERE}} · {{WHERE}}{{/WHERE}}{{#WHO}} · {{WHO}}{{/WHO}}</a>{{/EVENT}}
  </li>{{/DAY}}
</ol>{{/AGENDA}}
