// Preloaded (`node --import`) into the site build's process: when the process that started it dies
// (the console killed outright, an out-of-memory kill), the build ends too, instead of writing on
// into the work folder while the restarted console builds there again.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(70);
}, 200).unref();
