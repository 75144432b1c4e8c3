{{#HAS_OVERDUE}}<p class="alert">{{OVERDUE_COUNT}} overdue · <a href="/p/activities/tasks?list=overdue">see them</a></p>{{/HAS_OVERDUE}}
{{#EMPTY}}<p class="empty">No open tasks. Enjoy the quiet.</p>{{/EMPTY}}
<ul class="task-widget">
{{#TASK}}<li{{#OVERDUE}} class="overdue"{{/OVERDUE}}><a href="{{HREF}}">{{TITLE}}</a><span class="due">{{DUE}}</span></li>
{{/TASK}}
</ul>
<p><a href="/p/activities/tasks">All my tasks</a> · <a href="/p/activities/calendar">Calendar</a></p>
