//! One GET with Debian's reqwest 0.11 (the library family of hf_xet), proxies from the environment.
//! Usage: reqwest-get URL CA_PEM. Prints the body, or the error chain and exits 1.
//! CA_PEM "-": the default roots, which native-tls (OpenSSL) takes from SSL_CERT_FILE and SSL_CERT_DIR when set.

use std::error::Error;
use std::{env, fs, process, time::Duration};

fn fetch(url: &str, ca_file: &str) -> Result<String, Box<dyn Error>> {
    let mut builder = reqwest::blocking::Client::builder().timeout(Duration::from_secs(10));
    if ca_file != "-" {
        builder = builder.add_root_certificate(reqwest::Certificate::from_pem(&fs::read(ca_file)?)?);
    }
    let client = builder.build()?;
    Ok(client.get(url).send()?.error_for_status()?.text()?)
}

fn main() {
    let args: Vec<String> = env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: reqwest-get URL CA_PEM");
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
            eprintln!("reqwest-get: {}", message);
            process::exit(1);
        }
    }
}
