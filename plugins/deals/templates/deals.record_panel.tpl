<p class="deals-panel-sums"><strong>{{OPEN_COUNT}}</strong> open · {{OPEN_TOTAL}} · won: {{WON_COUNT}} ({{WON_TOTAL}})</p>
{{#NONE}}<p class="empty">No open deals.</p>{{/NONE}}
<ul class="deals-widget-list">{{#DEAL}}<li><a href="{{HREF}}">{{NAME}}</a> <span class="muted">{{STAGE}} · {{AMOUNT}} · {{CLOSE}}</span></li>{{/DEAL}}</ul>
{{#MORE}}<p class="more"><a href="/r/deals">All deals</a></p>{{/MORE}}
<p><a class="button" href="{{NEW_HREF}}">New deal</a></p>
