<div class="page-head">
  <h1>Calendar settings</h1>
  <div class="actions"><a class="button" href="/p/activities/calendar">Calendar</a><a class="button" href="/p/activities/calendar/subscription">Calendar link</a></div>
</div>
<form method="post" action="/p/activities/settings" class="settings-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <section class="card">
    <h2>Time zone</h2>
    <p class="hint">Your calendar, task lists, reminders and forms show and read times in this zone.</p>
    <label>Time zone<select name="time_zone">{{#ZONE}}<option value="{{NAME}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/ZONE}}</select></label>
  </section>
  <section class="card">
    <h2>Share my calendar</h2>
    <p class="hint">The people you choose see your meetings and tasks on their calendar under “Shared with me”.</p>
    <fieldset class="attendees"><legend>Colleagues</legend>{{#COLLEAGUE}}<label class="check"><input type="checkbox" name="shared_user" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}> {{NAME}}</label>{{/COLLEAGUE}}</fieldset>
    {{#HAS_TEAMS}}<fieldset class="attendees"><legend>Teams</legend>{{#TEAM}}<label class="check"><input type="checkbox" name="shared_team" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}> {{NAME}}</label>{{/TEAM}}</fieldset>{{/HAS_TEAMS}}
  </section>
  <section class="card">
    <h2>My calendar link</h2>
    <p class="hint">Besides your own tasks and meetings, your calendar link also holds:</p>
    {{#HAS_SOURCES}}<fieldset class="attendees"><legend>Calendars</legend>{{#SOURCE}}<label class="check"><input type="checkbox" name="feed_source" value="{{KEY}}"{{#CHECKED}} checked{{/CHECKED}}> {{NAME}}</label>{{/SOURCE}}</fieldset>{{/HAS_SOURCES}}
    {{#NO_SOURCES}}<p class="empty">Nobody shares a calendar with you yet.</p>{{/NO_SOURCES}}
  </section>
  <div class="form-actions"><button type="submit" class="primary">Save settings</button></div>
</form>
