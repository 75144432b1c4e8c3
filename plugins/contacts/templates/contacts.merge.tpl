{{#UNSAVED}}<div class="page-head">
  <h1>Add what you typed to <a href="{{WINNER_HREF}}">{{WINNER_TITLE}}</a></h1>
</div>
<p class="muted">Instead of a second record, the values you choose go into {{WINNER_TITLE}}.</p>{{/UNSAVED}}
{{#MERGING}}<div class="page-head">
  <h1>Merge <a href="{{LOSER_HREF}}">{{LOSER_TITLE}}</a> into <a href="{{WINNER_HREF}}">{{WINNER_TITLE}}</a></h1>
  <div class="actions"><a class="button secondary" href="{{SWAP}}">Keep the other one instead</a></div>
</div>
<p class="muted">Choose the value to keep where the two differ. Everything linked to {{LOSER_TITLE}}
(people, deals, activities, addresses…) moves to {{WINNER_TITLE}}; {{LOSER_TITLE}} goes to the trash.
The merge can be undone from the record's history.</p>{{/MERGING}}
<form method="post" action="{{ACTION}}" class="card merge">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#TYPED}}<input type="hidden" name="new_{{FIELD}}" value="{{VALUE}}">{{/TYPED}}
  <table class="merge-table">
    <thead><tr><th>Field</th><th>Keep ({{WINNER_TITLE}})</th><th>Merged ({{LOSER_TITLE}})</th></tr></thead>
    <tbody>
{{#FIELD_ROW}}<tr class="{{#SAME}}same{{/SAME}}{{#DIFFERENT}}different{{/DIFFERENT}}">
      <th scope="row">{{LABEL}}</th>
{{#SAME}}<td colspan="2">{{WINNER}}</td>{{/SAME}}
{{#DIFFERENT}}<td><label><input type="radio" name="pick_{{FIELD}}" value="winner"{{#PICK_WINNER}} checked{{/PICK_WINNER}}> {{WINNER}}</label></td>
      <td><label><input type="radio" name="pick_{{FIELD}}" value="loser"{{#PICK_LOSER}} checked{{/PICK_LOSER}}> {{LOSER}}</label>
      {{#TAGS}}<label><input type="radio" name="pick_{{FIELD}}" value="both"> both</label>{{/TAGS}}</td>{{/DIFFERENT}}
    </tr>
{{/FIELD_ROW}}
    </tbody>
  </table>
  <p><button type="submit" class="button primary">{{#UNSAVED}}Save into {{WINNER_TITLE}}{{/UNSAVED}}{{#MERGING}}Merge{{/MERGING}}</button></p>
</form>
