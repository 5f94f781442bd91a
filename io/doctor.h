#ifndef HFENV_IO_DOCTOR_H
#define HFENV_IO_DOCTOR_H

#include "io/connect.h"

#include <stdbool.h>
#include <stdio.h>

/* --probe's advice: the local proxies it finds when none is set, and a container's loopback. */

/*
 * Which of the ports local proxy programs use answers HTTP CONNECT to target, or SOCKS5, on
 * 127.0.0.1 only, one line each, and the command that uses the first that works; in a container
 * where none answers, how to reach the host (doctor_container_hint).
 */
void doctor_scan_local_ports(FILE *out, char *const env[], const struct probe_endpoint *target, int timeout_ms);

/*
 * In a container (/.dockerenv, /run/.containerenv, or the variable container in env, which podman
 * and systemd-nspawn set), 127.0.0.1 is the container itself: says so, and how to reach a proxy
 * listening on port of the host.  Nothing outside a container.
 */
void doctor_container_hint(FILE *out, char *const env[], const char *port);

#endif
