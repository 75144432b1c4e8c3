<svg class="deals-chart" viewBox="0 0 420 {{HEIGHT}}" role="img" aria-label="Open pipeline by stage">
{{#BAR}}<text x="0" y="{{TEXT_Y}}">{{LABEL}}</text>
<rect class="bar" x="{{X}}" y="{{BAR_Y}}" width="{{WIDTH}}" height="16" rx="2"><title>{{LABEL}}: {{AMOUNT}}</title></rect>
<rect class="bar weighted" x="{{X}}" y="{{BAR_Y}}" width="{{WEIGHTED_WIDTH}}" height="16" rx="2"></rect>
<text x="{{AMOUNT_X}}" y="{{TEXT_Y}}">{{AMOUNT}}</text>
{{/BAR}}</svg>
<p class="muted">Open deals of the {{PIPELINE}} pipeline; the darker part is weighted by probability. <a href="{{BOARD}}">Board</a></p>
