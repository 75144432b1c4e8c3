<a class="button" href="{{CSV}}" download>Export CSV</a>
<a class="button" href="{{XLSX}}" download>Export Excel</a>
