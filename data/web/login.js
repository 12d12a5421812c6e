// drama workbench login page: shows the "wrong token" note after a failed try.
'use strict';
if (new URLSearchParams(location.search).has('failed')) document.getElementById('login-failed').classList.remove('hidden');
