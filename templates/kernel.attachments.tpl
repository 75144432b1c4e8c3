{{#EMPTY}}<p class="empty">No files yet.</p>{{/EMPTY}}
<ul class="attachments">
{{#FILE}}<li><a href="{{HREF}}" download>{{NAME}}</a> <span class="count">{{SIZE}} · {{UPLOADED}}</span>
{{#DELETE}}<form method="post" action="{{ACTION}}" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link-button" aria-label="Remove {{NAME}}">Remove</button></form>{{/DELETE}}</li>
{{/FILE}}
</ul>
{{#UPLOAD}}<form method="post" action="{{ACTION}}" enctype="multipart/form-data" class="stack">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="attachment-file">Attach a file (at most {{MAX}})</label>
  <input id="attachment-file" type="file" name="file" required>
  <button type="submit">Upload</button>
</form>{{/UPLOAD}}
