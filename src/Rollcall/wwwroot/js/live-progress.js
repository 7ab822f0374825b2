// Live progress of a running sync: every 1.5 s the block marked data-live-progress is fetched again from its page's
// Progress handler (the same partial as the first render) and its detail swapped in place. The summary, a polite live
// region, changes only when the phase does, so a screen reader hears the phases, not every page. Once the run has ended
// the page reloads once, to show its final counts and steps. Without JavaScript the page refreshes itself (noscript).
(function () {
    "use strict";
    var every = 1500;

    function fetchBlock(url) {
        return fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "text/html" } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("progress " + response.status);
                }
                return response.text();
            })
            .then(function (html) {
                var block = new DOMParser().parseFromString(html, "text/html").querySelector("[data-live-progress]");
                if (!block) {
                    throw new Error("no progress in the answer"); // signed out: the answer is the login page
                }
                return block;
            });
    }

    function replace(current, next, selector, onlyIfChanged) {
        var here = current.querySelector(selector);
        var there = next.querySelector(selector);
        if (here && there && (!onlyIfChanged || here.textContent.trim() !== there.textContent.trim())) {
            here.innerHTML = there.innerHTML;
        }
    }

    function follow(block) {
        var url = block.getAttribute("data-live-progress");
        function tick() {
            fetchBlock(url).then(function (next) {
                if (next.getAttribute("data-running") !== "true") {
                    window.location.reload();
                    return;
                }
                replace(block, next, "[data-progress-detail]", false);
                replace(block, next, "[data-progress-summary]", true);
                window.setTimeout(tick, every);
            }).catch(function () {
                window.setTimeout(tick, every * 4);
            });
        }
        window.setTimeout(tick, every);
    }

    document.querySelectorAll("[data-live-progress][data-running='true']").forEach(follow);
})();
