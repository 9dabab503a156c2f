// The report form on a phone: a button that fills the latitude and
// longitude fields from the phone's position, when the resident asks for
// it. Without this script the fields are typed, or left empty; the page
// works the same. Its words come from the data- attributes of #locate, in
// the page's language.
(function () {
	'use strict';
	var box = document.getElementById('locate');
	var lat = document.getElementById('f-lat');
	var lon = document.getElementById('f-long');
	if (!box || !lat || !lon || !navigator.geolocation) return;
	var button = document.createElement('button');
	var status = document.createElement('p');
	button.type = 'button';
	button.className = 'locate';
	button.textContent = box.getAttribute('data-label');
	status.className = 'hint';
	status.setAttribute('role', 'status');
	button.addEventListener('click', function () {
		status.textContent = box.getAttribute('data-wait');
		navigator.geolocation.getCurrentPosition(function (p) {
			lat.value = p.coords.latitude.toFixed(6);
			lon.value = p.coords.longitude.toFixed(6);
			status.textContent = box.getAttribute('data-done');
		}, function () {
			status.textContent = box.getAttribute('data-fail');
		}, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
	});
	box.appendChild(button);
	box.appendChild(status);
}());
