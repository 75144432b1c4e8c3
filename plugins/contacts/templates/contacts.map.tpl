<img class="relationship-map" src="{{SRC}}" alt="The people and companies around this record" width="640" height="420" loading="lazy">
