<div class="leads-score">
  <p class="leads-score-total"><strong>{{SCORE}}</strong> points {{#READY}}<span class="leads-badge ready">Sales-ready</span>{{/READY}}</p>
  <p class="leads-muted"><meter min="0" max="{{THRESHOLD}}" value="{{METER}}"></meter> qualifies at {{THRESHOLD}}</p>
  {{#NO_RULE}}<p class="leads-muted">No scoring rule matches this lead.</p>{{/NO_RULE}}
  <table class="leads-table leads-breakdown">
    <tbody>{{#RULE}}<tr><td>{{RULE}}<br><span class="leads-muted">{{CONDITION}}</span></td><td class="num{{#NEGATIVE}} negative{{/NEGATIVE}}">{{POINTS}}</td></tr>{{/RULE}}</tbody>
  </table>
</div>
