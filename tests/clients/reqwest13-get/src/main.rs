//! One GET with reqwest 0.13 built as hf_xet builds it (rustls, socks, system-proxy): proxies from the
//! environment through hyper-util's matcher. Usage: reqwest13-get URL CA_PEM. Prints the body, or the
//! error chain and exits 1.

use std::error::Error;
use std::{env, fs, process, time::Duration};

fn fetch(url: &str, ca_file: &str) -> Result<String, Box<dyn Error>> {
    let ca = reqwest::Certificate::from_pem(&fs::read(ca_file)?)?;
    let client = reqwest::blocking::Client::builder()
        .tls_certs_only([ca])
        .timeout(Duration::from_secs(10))
        .build()?;
    Ok(client.get(url).send()?.error_for_status()?.text()?)
}

fn main() {
    let args: Vec<String> = env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: reqwest13-get URL CA_PEM");
        process::exit(2);
    }
    match fetch(&args[1], &args[2]) {
        Ok(body) => print!("{}", body),
        Err(error) => {
            let mut message = error.to_string();
            let mut source = error.source();
            while let Some(cause) = source {
                message.push_str(": ");
                message.push_str(&cause.to_string());
                source = cause.source();
            }
            eprintln!("reqwest13-get: {}", message);
            process::exit(1);
        }
    }
}
