// Presence by stakeholder role, as the server counts it (projector and control panel).

export function showPresence(presence) {
  const total = document.getElementById("presence-total");
  if (total) total.textContent = String(presence.total);
  document.querySelectorAll("#presence-by-role [data-role]").forEach((item) => {
    const count = presence.by_role[item.dataset.role] || 0;
    item.hidden = count === 0;
    item.querySelector(".presence-count").textContent = String(count);
  });
}
