<a class="button secondary" href="{{HREF}}">Personal data</a>
