// Stage and budget belong to some types only: hide them for the others (the server clears them
// anyway, so without JavaScript the form still works).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-staged-types]");
  if (!form) return;
  const staged = form.dataset.stagedTypes.split(" ");
  const type = form.querySelector("select[name=type]");
  const fields = document.getElementById("staged-fields");
  const sync = () => { fields.hidden = !staged.includes(type.value); };
  type.addEventListener("change", sync);
  sync();
});
