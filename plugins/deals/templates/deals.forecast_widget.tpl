<p class="muted">{{WHOSE}}</p>
{{#HAS_QUOTA}}<p class="deals-attainment">{{ATTAINMENT}} % of {{QUOTA}}</p><meter min="0" max="150" low="80" high="100" optimum="120" value="{{METER}}"></meter>{{/HAS_QUOTA}}
<table class="deals-table">
  <tr><td>Won</td><td>{{CLOSED}}</td></tr>
  <tr><td>Won + commit</td><td>{{COMMITTED}}</td></tr>
  <tr><td>Best case</td><td>{{BEST_CASE}}</td></tr>
  <tr><td>Won + weighted open</td><td>{{WEIGHTED}}</td></tr>
</table>
<p><a href="{{LINK}}">Forecast</a></p>
