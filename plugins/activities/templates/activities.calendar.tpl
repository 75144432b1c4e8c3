<div class="page-head">
  <h1>{{HEADING}}</h1>
  <div class="actions"><a class="button" href="/p/activities/settings">Settings</a><a class="button" href="/p/activities/calendar/subscription">Subscribe in your calendar app</a></div>
</div>
<div class="calendar-nav">
  <div class="step"><a class="button" href="{{PREV}}" aria-label="Previous">‹</a><a class="button" href="{{TODAY}}">Today</a><a class="button" href="{{NEXT}}" aria-label="Next">›</a> <strong>{{RANGE}}</strong> <span class="zone" title="Times are in this zone; change it in the settings">{{ZONE_NAME}}</span></div>
  <div class="views">{{#VIEW}}<a href="{{HREF}}"{{#CURRENT}} class="current" aria-current="true"{{/CURRENT}}>{{LABEL}}</a>{{/VIEW}}</div>
  <div class="whose">{{#WHOSE}}<a href="{{HREF}}"{{#CURRENT}} class="current" aria-current="true"{{/CURRENT}}>{{LABEL}}</a>{{/WHOSE}}
    {{#SHARED}}<span class="shared-label">Shared with me:</span>{{#TAB}}<a href="{{HREF}}"{{#CURRENT}} class="current" aria-current="true"{{/CURRENT}}>{{LABEL}}</a>{{/TAB}}{{/SHARED}}
    <form method="get" action="/p/activities/calendar" class="inline-form">
      <input type="hidden" name="view" value="{{VIEW_KEY}}"><input type="hidden" name="date" value="{{DATE}}">
      <label class="visually-hidden" for="cal-who">Colleague</label>
      <select id="cal-who" name="who"><option value="me">Colleague…</option>{{#COLLEAGUE}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/COLLEAGUE}}</select>
      <button type="submit">Show</button>
    </form>
  </div>
</div>
<details class="log-activity"{{#PLAN_OPEN}} open{{/PLAN_OPEN}}><summary class="button">Plan a meeting{{#PLAN_FOR}} on {{PLAN_FOR}}{{/PLAN_FOR}}</summary>
  <form method="post" action="/p/activities/meetings" class="log-form">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="entity" value="{{PLAN_ENTITY}}"><input type="hidden" name="id" value="{{PLAN_ID}}">
    <label>Title<input name="title" maxlength="200" required></label>
    <div class="log-row">
      <label>Starts ({{ZONE_NAME}})<input type="datetime-local" name="starts_at" value="{{PLAN_START}}" required></label>
      <label>Minutes<input type="number" name="duration_minutes" value="30" min="1" max="1440" step="1" class="short"></label>
      <label>Location<input name="location" maxlength="300"></label>
      <label>Repeats<select name="rrule"><option value="">Does not repeat</option><option value="FREQ=DAILY">Daily</option><option value="FREQ=WEEKLY">Weekly</option><option value="FREQ=WEEKLY;INTERVAL=2">Every two weeks</option><option value="FREQ=MONTHLY">Monthly</option></select></label>
      {{#CALENDARS}}<label>Calendar<select name="calendar_id"><option value="">Only the attendees'</option>{{#CALENDAR}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/CALENDAR}}</select></label>{{/CALENDARS}}
      <label>Remind<select name="reminder"><option value="">No reminder</option><option value="10" selected>10 minutes before</option><option value="60">1 hour before</option><option value="1440">1 day before</option></select></label>
    </div>
    <fieldset class="attendees"><legend>Attendees</legend>{{#ATTENDEE}}<label class="check"><input type="checkbox" name="attendee" value="{{ID}}"{{#ME}} checked{{/ME}}> {{NAME}}</label>{{/ATTENDEE}}</fieldset>
    <div class="form-actions"><button type="submit" class="primary">Add to the calendar</button></div>
  </form>
</details>
{{#MONTH}}<div class="month" role="grid">
  {{#WEEKDAY}}<div class="weekday" role="columnheader">{{NAME}}</div>{{/WEEKDAY}}
  {{#DAY}}<div class="day{{#OTHER}} other{{/OTHER}}{{#TODAY}} today{{/TODAY}}" role="gridcell">
    <a class="date" href="{{HREF}}">{{NUMBER}}</a>
    {{#EVENT}}{{#LINKED}}<a class="event {{KIND}}{{#DONE}} done{{/DONE}}" href="{{LINK}}" title="{{TIME}} {{TITLE}}">{{/LINKED}}{{#UNLINKED}}<span class="event {{KIND}}{{#DONE}} done{{/DONE}}" title="{{TIME}} {{TITLE}}">{{/UNLINKED}}{{#HAS_TIME}}<span class="time">{{TIME}}</span> {{/HAS_TIME}}{{TITLE}}{{#LINKED}}</a>{{/LINKED}}{{#UNLINKED}}</span>{{/UNLINKED}}{{/EVENT}}
    {{#MORE}}<a class="more" href="{{HREF}}">{{COUNT}} more</a>{{/MORE}}
  </div>{{/DAY}}
</div>{{/MONTH}}
{{#AGENDA}}<ol class="agenda">
  {{#DAY}}<li><h2>{{LABEL}}</h2>
    {{#EMPTY}}<p class="empty">Nothing planned.</p>{{/EMPTY}}
    {{#EVENT}}{{#LINKED}}<a class="event {{KIND}}{{#DONE}} done{{/DONE}}" href="{{LINK}}">{{/LINKED}}{{#UNLINKED}}<span class="event {{KIND}}{{#DONE}} done{{/DONE}}">{{/UNLINKED}}<strong>{{TIME}}</strong> {{TITLE}}{{#WHERE}} · {{WHERE}}{{/WHERE}}{{#WHO}} · {{WHO}}{{/WHO}}{{#LINKED}}</a>{{/LINKED}}{{#UNLINKED}}</span>{{/UNLINKED}}{{/EVENT}}
  </li>{{/DAY}}
</ol>{{/AGENDA}}
