<a class="button" href="{{HREF}}" download>vCard</a>
