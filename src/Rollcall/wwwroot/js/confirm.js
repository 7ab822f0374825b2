// Asks before a destructive button submits its form: buttons carry the question in data-confirm.
// Without JavaScript the form submits as it is; the server decides either way.
document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
        event.preventDefault();
    }
});
