// The playground serves the real sidebar HTML; this script, put first in its <head>, stands in for
// google.script.run and google.script.host by calling the bundle through the playground server.
// Calls stay asynchronous and go one way, as in Apps Script.

export const clientBridgeScript = `<script>
(function () {
  function runner(onSuccess, onFailure, userObject) {
    var target = {
      withSuccessHandler: function (fn) { return runner(fn, onFailure, userObject); },
      withFailureHandler: function (fn) { return runner(onSuccess, fn, userObject); },
      withUserObject: function (obj) { return runner(onSuccess, onFailure, obj); }
    };
    return new Proxy(target, {
      get: function (object, name) {
        if (name in object) return object[name];
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/api/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fn: name, args: args }) })
            .then(function (response) { return response.json(); })
            .then(function (answer) {
              if (answer.ok) { if (onSuccess) onSuccess(answer.value, userObject); }
              else if (onFailure) { var error = new Error(answer.error.message); error.name = 'ScriptError'; onFailure(error, userObject); }
              else console.error(answer.error.message);
              if (window.parent !== window) window.parent.postMessage({ type: 'studio-crm:server-call', fn: name }, '*');
            })
            .catch(function (error) { if (onFailure) onFailure(error, userObject); });
        };
      }
    });
  }
  window.google = window.google || {};
  window.google.script = {
    run: runner(null, null, undefined),
    host: {
      close: function () { window.parent.postMessage({ type: 'studio-crm:close' }, '*'); },
      setHeight: function () {}, setWidth: function () {},
      editor: { focus: function () {} },
      origin: location.origin
    },
    url: { getLocation: function (callback) { callback({ hash: location.hash.slice(1), parameter: {}, parameters: {} }); } }
  };
})();
</script>`;

/** Puts the bridge before any of the page's own scripts. */
export function withClientBridge(html: string): string {
  const head = html.match(/<head[^>]*>/i);
  if (!head || head.index === undefined) return clientBridgeScript + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + clientBridgeScript + html.slice(at);
}
