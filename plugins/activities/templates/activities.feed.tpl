<h1>Calendar subscription</h1>
<section class="card">
<p>Subscribe to your tasks and meetings in any calendar app (Apple Calendar, Outlook, Thunderbird,
Google Calendar) with a private link. Anyone who has the link can read your calendar: keep it to
yourself, and make a new one if it leaks.</p>
{{#NEW_URL}}<p><strong>Your calendar link</strong> (shown only now: copy it into your calendar app):</p>
<p class="feed-url">{{URL}}</p>{{/NEW_URL}}
{{#HINT}}<p>A link starting with <code>{{HINT}}</code> is active (made {{SINCE}}).</p>{{/HINT}}
{{#NO_FEED}}<p class="empty">You have no calendar link yet.</p>{{/NO_FEED}}
<div class="actions">
<form method="post" action="/p/activities/calendar/subscription"><input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="primary">{{#HAS_FEED}}Make a new link (the old one stops working){{/HAS_FEED}}{{#NO_FEED}}Make my calendar link{{/NO_FEED}}</button></form>
{{#HAS_FEED}}<form method="post" action="/p/activities/calendar/subscription/revoke"><input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="danger">Revoke the link</button></form>{{/HAS_FEED}}
</div>
</section>
