<div class="page-head"><h1>Personal data of <a href="{{HREF}}">{{NAME}}</a></h1></div>
<section class="card">
  <h2>Export</h2>
  <p>Everything held about this person — the contact, its history, addresses, contact points,
  company roles, relationships, lifecycle history, segments, and what every other enabled module
  holds — as one JSON file.</p>
  <p><a class="button primary" href="{{EXPORT}}" download>Download the data (JSON)</a></p>
</section>
<section class="card danger">
  <h2>Erase</h2>
  <p>Replaces the person's name, e-mail addresses, phone numbers, addresses and notes with
  “[erased]” everywhere: in the record, its history, the trash, the search index, queued
  e-mail, notifications and events, and in what other modules hold. The erasure is recorded
  (who, when) and <strong>cannot be undone</strong>.</p>
  <form method="post" action="{{ERASE}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label>Type <kbd>erase</kbd> to confirm <input name="confirm" autocomplete="off" required></label>
    <button type="submit" class="button danger">Erase this person</button>
  </form>
</section>
