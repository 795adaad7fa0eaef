document.addEventListener('DOMContentLoaded', () => {
  const params = new URLSearchParams(location.search);
  document.getElementById('next').value = params.get('next') || '';
  const error = params.get('error');
  if (error) {
    const p = document.getElementById('error');
    p.hidden = false;
    p.dataset.i18n = error === 'locked' ? 'login.locked' : 'login.error';
    IOC.apply(p.parentNode);
  }
});
