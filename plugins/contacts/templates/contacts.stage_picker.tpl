<div class="stage-picker" data-field="f-lifecycle_stage" data-initial="{{INITIAL}}">
  <p class="muted">The lifecycle stage is one of:</p>
  <ul class="stage-options">
{{#STAGE}}<li data-key="{{KEY}}"><strong>{{KEY}}</strong> {{LABEL}}</li>
{{/STAGE}}
  </ul>
</div>
<script src="/plugins/contacts/stage-picker.js" defer></script>
