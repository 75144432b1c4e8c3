<div class="page-head">
  <h1>{{TITLE}}</h1>
  <div class="actions"><a class="button" href="{{SERIES_HREF}}">The whole series</a></div>
</div>
<section class="card occurrence">
  <p><strong>{{WHEN}}</strong> ({{ZONE_NAME}}) · {{MINUTES}} minutes{{#WHERE}} · {{LOCATION}}{{/WHERE}}</p>
  <p class="hint">Repeats: <code>{{RRULE}}</code>{{#CHANGED}} · changed from {{ORIGINAL}}{{/CHANGED}}</p>
</section>
<form method="post" action="{{ACTION}}" class="log-form occurrence-form">
  <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="at" value="{{AT}}">
  <h2>Change</h2>
  <label>Title<input name="title" maxlength="200" value="{{TITLE}}" required></label>
  <div class="log-row">
    <label>Starts ({{ZONE_NAME}})<input type="datetime-local" name="starts_at" value="{{START}}" required></label>
    <label>Minutes<input type="number" name="duration_minutes" value="{{MINUTES}}" min="1" max="1440" step="1" class="short"></label>
    <label>Location<input name="location" maxlength="300" value="{{LOCATION}}"></label>
  </div>
  <fieldset class="attendees scope"><legend>Apply to</legend>
    <label class="check"><input type="radio" name="scope" value="this" checked> This occurrence</label>
    <label class="check"><input type="radio" name="scope" value="following"> This and the following ones</label>
    <label class="check"><input type="radio" name="scope" value="all"> All occurrences</label>
  </fieldset>
  <div class="form-actions"><button type="submit" class="primary" name="action" value="change">Save</button></div>
</form>
<form method="post" action="{{ACTION}}" class="log-form occurrence-form">
  <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="at" value="{{AT}}">
  <h2>Cancel</h2>
  <fieldset class="attendees scope"><legend>Cancel</legend>
    <label class="check"><input type="radio" name="scope" value="this" checked> This occurrence</label>
    <label class="check"><input type="radio" name="scope" value="following"> This and the following ones</label>
    <label class="check"><input type="radio" name="scope" value="all"> The whole series</label>
  </fieldset>
  <div class="form-actions"><button type="submit" class="danger" name="action" value="cancel">Cancel the meeting</button></div>
</form>
