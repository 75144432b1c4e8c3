<p class="deals-in-stage">In <strong>{{STAGE}}</strong> for {{IN_STAGE}}{{#STALLED}} · <span class="tag stalled-tag">stalled</span> (after {{STALLED_AFTER}} days){{/STALLED}} · <a href="{{BOARD}}">pipeline board</a></p>
<div class="table-wrap"><table class="deals-table deals-history">
  <thead><tr><th>When</th><th>From</th><th>To</th><th>Time in the previous stage</th><th>By</th></tr></thead>
  <tbody>{{#CHANGE}}<tr><td>{{AT}}</td><td>{{FROM}}</td><td>{{TO}}</td><td>{{DAYS}}</td><td>{{BY}}</td></tr>{{/CHANGE}}</tbody>
</table></div>
