<div class="duplicate-check" data-entity="{{ENTITY}}" data-slug="{{SLUG}}" data-exclude="{{EXCLUDE}}"{{#EMPTY}} data-empty{{/EMPTY}} aria-live="polite">
  <p class="alert">This {{NOUN}} may already exist. Open the existing one, or add what you typed to it instead of saving a second one.</p>
  <ul class="duplicates">
{{#CANDIDATE}}<li><a class="existing" href="{{HREF}}">{{TITLE}}</a> <span class="badge">{{SCORE}}%</span> <span class="muted">{{REASONS}}</span> <a class="button secondary small merge-link" href="{{MERGE}}">{{MERGE_LABEL}}</a></li>
{{/CANDIDATE}}
  </ul>
</div>
<script src="/plugins/contacts/duplicate-check.js" defer></script>
