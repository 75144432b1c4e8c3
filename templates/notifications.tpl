<h1>Notifications</h1>
<p class="toolbar"><a href="/account/notifications">How you are told</a>
{{#ANY_UNREAD}}<form method="post" action="/notifications/read-all" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Mark all read</button></form>{{/ANY_UNREAD}}</p>
{{#EMPTY}}<p class="empty">Nothing to tell you yet.</p>{{/EMPTY}}
<ul class="notification-list">
{{#ITEM}}<li class="notification{{#UNREAD}} unread{{/UNREAD}}">
  <a href="{{HREF}}">{{TITLE}}</a>{{#UNREAD}} <strong class="tag">new</strong>{{/UNREAD}}
  <span class="count">{{WHEN}}</span>
  <p>{{BODY}}</p>
  {{#UNREAD}}<form method="post" action="/notifications/{{ID}}/read" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link-button">Mark read</button></form>{{/UNREAD}}
</li>
{{/ITEM}}
</ul>
<nav class="pager" aria-label="Pages">{{#HAS_PREVIOUS}}<a href="{{PREVIOUS}}" rel="prev">Newer</a>{{/HAS_PREVIOUS}} {{#HAS_NEXT}}<a href="{{NEXT}}" rel="next">Older</a>{{/HAS_NEXT}}</nav>
