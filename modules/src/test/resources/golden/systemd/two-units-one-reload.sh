cv_lock || exit 75
cv_clean /etc/systemd/system/libvirtd.service.d/50-listen.conf
cv_clean /etc/systemd/system/converge-probe.service
r0=skip
if true; then r0=0; cv_run s0a 0; r0=$?; fi
r1=skip
if true && [ "$r0" = 0 ]; then r1=0; cv_run s1a 1; r1=$?; fi
if { false || [ "$r0" = 0 ] || [ "$r1" = 0 ]; }; then
cv_run g0 g0; g=$?
if [ "$r0" = 0 ]; then r0=$g; cv_share g0 0; fi
if [ "$r1" = 0 ]; then r1=$g; cv_share g0 1; fi
fi
if [ "$r0" = 0 ]; then
if true; then cv_run s0b 0; r0=$?
else r0=1; echo 'converge: its operations after the shared command did not run: a resource it depends on failed' >> "$t/e0"; fi
fi
if [ "$r0" = skip ]; then echo "@@$N R 0 skip"; else cv_report 0 "$r0"; fi
if [ "$r1" = 0 ]; then
if true && [ "$r0" = 0 ]; then cv_run s1b 1; r1=$?
else r1=1; echo 'converge: its operations after the shared command did not run: a resource it depends on failed' >> "$t/e1"; fi
fi
if [ "$r1" = skip ]; then echo "@@$N R 1 skip"; else cv_report 1 "$r1"; fi
echo "@@$N end"
}
cv_s0a() {
cv_dir /etc/systemd/system/libvirtd.service.d 0755 '' '' || return $?
cv_write /etc/systemd/system/libvirtd.service.d/50-listen.conf 0644 '' '' absent 0 0 <<'CONVERGE_0123456789abcdef' || return $?
W1NlcnZpY2VdCkVudmlyb25tZW50PUxJQlZJUlREX0FSR1M9LS1saXN0ZW4K
CONVERGE_0123456789abcdef
}
cv_s1a() {
cv_write /etc/systemd/system/converge-probe.service 0644 '' '' absent 0 0 <<'CONVERGE_0123456789abcdef' || return $?
W1NlcnZpY2VdCkV4ZWNTdGFydD0vYmluL3RydWUK
CONVERGE_0123456789abcdef
}
cv_g0() {
set --
systemctl daemon-reload "$@" || return $?
}
cv_s0b() {
systemctl enable -- libvirtd.service || return $?
systemctl start -- libvirtd.service || return $?
}
cv_s1b() {
systemctl restart -- converge-probe.service || return $?
}
cv_start() { cv_lockdir || exit $?; cv_main 9>>"$L" || exit $?; }
cv_start
