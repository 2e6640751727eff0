//! Code assets: uploaded to an S3 bucket before a stack's change set (the template names
//! the bucket through its asset bucket parameter and each archive by its hash), removed
//! by `destroy`.
//!
//! The bucket is `--asset-bucket`, else the one the stack was deployed with, else one
//! cfnkit creates, `cfnkit-assets-<stack>-<time>`, tagged `cfnkit:created-by` so that
//! `destroy` deletes it once it holds no other object.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{BucketLocationConstraint, CreateBucketConfiguration, Tag, Tagging};

use crate::assembly::AssemblyStack;
use crate::aws::{Aws, DeployedStack, describe_error};
use crate::exit::Problem;
use crate::term::Console;

/// The tag marking a bucket cfnkit created.
const CREATED_BY: &str = "cfnkit:created-by";

/// The bucket holding a stack's assets, and whether cfnkit created it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetBucket {
    /// The bucket's name.
    pub name: String,
    /// Whether this deploy created it.
    pub created: bool,
}

/// The bucket for `stack`'s assets: given, the deployed stack's, or a new one.
pub(crate) async fn bucket_for(
    aws: &Aws,
    console: &mut Console<'_>,
    stack: &AssemblyStack,
    existing: Option<&DeployedStack>,
    given: Option<&str>,
) -> Result<AssetBucket, Problem> {
    if let Some(name) = given {
        if !bucket_exists(aws, name).await {
            return Err(Problem::error(format!(
                "the asset bucket {name} (--asset-bucket) does not exist or cannot be read: \
                 create it in {} first, or leave --asset-bucket out and cfnkit creates one",
                aws.region
            )));
        }
        return Ok(AssetBucket {
            name: name.to_owned(),
            created: false,
        });
    }
    let deployed = stack
        .asset_bucket_parameter
        .as_deref()
        .and_then(|parameter| {
            existing?
                .parameters
                .iter()
                .find(|(k, _)| k == parameter)
                .map(|(_, v)| v.clone())
        });
    if let Some(name) = deployed
        && bucket_exists(aws, &name).await
    {
        return Ok(AssetBucket {
            name,
            created: false,
        });
    }
    let name = new_bucket_name(&stack.name);
    let mut create = aws.s3.create_bucket().bucket(&name);
    if aws.region != "us-east-1" {
        create = create.create_bucket_configuration(
            CreateBucketConfiguration::builder()
                .location_constraint(BucketLocationConstraint::from(aws.region.as_str()))
                .build(),
        );
    }
    create
        .send()
        .await
        .map_err(|e| describe_error(aws, &format!("CreateBucket {name}"), &e))?;
    let tag = Tag::builder()
        .key(CREATED_BY)
        .value("cfnkit deploy")
        .build()
        .map_err(|e| Problem::error(e.to_string()))?;
    let tagging = Tagging::builder()
        .tag_set(tag)
        .build()
        .map_err(|e| Problem::error(e.to_string()))?;
    aws.s3
        .put_bucket_tagging()
        .bucket(&name)
        .tagging(tagging)
        .send()
        .await
        .map_err(|e| describe_error(aws, &format!("PutBucketTagging {name}"), &e))?;
    console.line(&format!(
        "stack {}: created the asset bucket {name} (destroy deletes it when it holds nothing else)",
        stack.name
    ));
    Ok(AssetBucket {
        name,
        created: true,
    })
}

/// `cfnkit-assets-<stack>-<time in hex>`: lowercase, at most 63 characters.
fn new_bucket_name(stack: &str) -> String {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let stack: String = stack
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(30)
        .collect();
    format!("cfnkit-assets-{}-{stamp:x}", stack.trim_matches('-'))
}

async fn bucket_exists(aws: &Aws, name: &str) -> bool {
    aws.s3.head_bucket().bucket(name).send().await.is_ok()
}

/// Uploads the assets of `stack` that the bucket does not hold yet (keys are content
/// hashes, so a key there is the same archive).
pub(crate) async fn upload(
    aws: &Aws,
    console: &mut Console<'_>,
    dir: &Path,
    bucket: &str,
    stack: &AssemblyStack,
) -> Result<(), Problem> {
    for asset in &stack.assets {
        let there = aws
            .s3
            .head_object()
            .bucket(bucket)
            .key(&asset.key)
            .send()
            .await
            .is_ok();
        if there {
            console.line(&format!(
                "stack {}: asset of {} already in s3://{bucket}/{}",
                stack.name, asset.function, asset.key
            ));
            continue;
        }
        let path = dir.join(&asset.file);
        let bytes = std::fs::read(&path)
            .map_err(|e| Problem::error(format!("cannot read {}: {e}", path.display())))?;
        let size = bytes.len();
        aws.s3
            .put_object()
            .bucket(bucket)
            .key(&asset.key)
            .body(ByteStream::from(bytes))
            .send()
            .await
            .map_err(|e| {
                describe_error(aws, &format!("PutObject s3://{bucket}/{}", asset.key), &e)
            })?;
        console.line(&format!(
            "stack {}: uploaded the asset of {} to s3://{bucket}/{} ({size} bytes)",
            stack.name, asset.function, asset.key
        ));
    }
    Ok(())
}

/// Deletes `keys` from `bucket`, then the bucket itself when cfnkit created it and it is
/// empty.
pub(crate) async fn remove(
    aws: &Aws,
    console: &mut Console<'_>,
    stack: &str,
    bucket: &str,
    keys: &[&str],
) -> Result<(), Problem> {
    for key in keys {
        aws.s3
            .delete_object()
            .bucket(bucket)
            .key(*key)
            .send()
            .await
            .map_err(|e| describe_error(aws, &format!("DeleteObject s3://{bucket}/{key}"), &e))?;
        console.line(&format!(
            "stack {stack}: deleted the asset s3://{bucket}/{key}"
        ));
    }
    let created = aws
        .s3
        .get_bucket_tagging()
        .bucket(bucket)
        .send()
        .await
        .is_ok_and(|t| t.tag_set().iter().any(|t| t.key() == CREATED_BY));
    if !created {
        return Ok(());
    }
    let left = aws
        .s3
        .list_objects_v2()
        .bucket(bucket)
        .max_keys(1)
        .send()
        .await
        .map_err(|e| describe_error(aws, &format!("ListObjectsV2 {bucket}"), &e))?;
    if left.key_count().unwrap_or(0) > 0 {
        console.note(&format!(
            "the asset bucket {bucket} holds other objects: kept"
        ));
        return Ok(());
    }
    aws.s3
        .delete_bucket()
        .bucket(bucket)
        .send()
        .await
        .map_err(|e| describe_error(aws, &format!("DeleteBucket {bucket}"), &e))?;
    console.line(&format!(
        "deleted the asset bucket {bucket}, which cfnkit created"
    ));
    Ok(())
}
